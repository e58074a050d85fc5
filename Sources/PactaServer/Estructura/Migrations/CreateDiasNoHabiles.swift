import Fluent

struct CreateDiasNoHabiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("dias_no_habiles")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("fecha", .string, .required)
            .field("motivo", .string, .required)
            .unique(on: "entidad_id", "fecha")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dias_no_habiles").delete()
    }
}
