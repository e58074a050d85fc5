import Fluent

struct CreateApiTokens: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens")
            .id()
            .field("usuario_id", .uuid, .required, .references("usuarios", "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("nombre", .string, .required)
            .field("expira", .datetime, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").delete()
    }
}
