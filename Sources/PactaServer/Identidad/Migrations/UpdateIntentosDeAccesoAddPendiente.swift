import Fluent

/// An attempt is recorded as pending before its password is checked, so simultaneous attempts count
/// each other (the throttle holds under concurrency and across instances).
struct UpdateIntentosDeAccesoAddPendiente: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("intentos_de_acceso")
            .field("pendiente", .bool)
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("intentos_de_acceso")
            .deleteField("pendiente")
            .update()
    }
}
