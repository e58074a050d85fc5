import Fluent

struct CreateVigenciasGI: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("vigencias_gi")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("anio", .int, .required)
            .field("nombre", .string, .required)
            .field("definicion", .string, .required)
            .field("plan", .string, .required)
            .field("version", .int, .required)
            .field("abierta_por_id", .uuid)
            .field("created_at", .datetime)
            .unique(on: "entidad_id", "anio")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("vigencias_gi").delete()
    }
}
