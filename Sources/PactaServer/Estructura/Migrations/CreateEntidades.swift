import Fluent

struct CreateEntidades: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("entidades")
            .id()
            .field("nombre", .string, .required)
            .field("sigla", .string, .required)
            .field("nit", .string)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("entidades").delete()
    }
}
