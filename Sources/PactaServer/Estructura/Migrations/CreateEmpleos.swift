import Fluent

struct CreateEmpleos: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("empleos")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("denominacion", .string, .required)
            .field("codigo", .string, .required)
            .field("grado", .string, .required)
            .field("nivel", .string, .required)
            .unique(on: "entidad_id", "denominacion", "codigo", "grado")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("empleos").delete()
    }
}
