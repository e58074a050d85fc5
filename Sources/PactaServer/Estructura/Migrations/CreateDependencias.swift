import Fluent

struct CreateDependencias: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("dependencias")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("codigo", .string, .required)
            .field("nombre", .string, .required)
            .field("tipo", .string, .required)
            .field("activa", .bool, .required, .sql(.default(true)))
            .field("padre_id", .uuid, .references("dependencias", "id", onDelete: .setNull))
            .field("updated_at", .datetime)
            .unique(on: "entidad_id", "codigo")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dependencias").delete()
    }
}
