import Fluent

/// The id of the key each entry's hash is made with (an HMAC); null for the entries from before the keys.
struct UpdateAuditLogAddClave: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_log")
            .field("clave", .string)
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_log")
            .deleteField("clave")
            .update()
    }
}
