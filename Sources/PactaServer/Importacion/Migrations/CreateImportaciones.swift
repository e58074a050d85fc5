import Fluent

struct CreateImportaciones: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("importaciones")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("usuario_id", .uuid, .required, .references("usuarios", "id", onDelete: .cascade))
            .field("tipo", .string, .required)
            .field("nombre_archivo", .string, .required)
            .field("contenido", .data, .required)
            .field("estado", .string, .required)
            .field("registros", .int, .required)
            .field("errores", .int, .required)
            .field("resumen", .string)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("importaciones").delete()
    }
}
