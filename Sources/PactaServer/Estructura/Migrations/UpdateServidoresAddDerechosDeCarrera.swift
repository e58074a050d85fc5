import Fluent

/// Whether a servant in período de prueba already holds carrera rights in another post (a período
/// de prueba by ascenso): a No satisfactoria sends them back to that post instead of out of the service.
struct UpdateServidoresAddDerechosDeCarrera: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("servidores")
            .field("derechos_de_carrera", .bool)
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("servidores")
            .deleteField("derechos_de_carrera")
            .update()
    }
}
