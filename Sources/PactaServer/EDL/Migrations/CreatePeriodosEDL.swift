import Fluent

struct CreatePeriodosEDL: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("periodos_edl")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("instrumento_id", .uuid, .required, .references("instrumentos_edl", "id", onDelete: .restrict))
            .field("nombre", .string, .required)
            .field("plantilla", .string, .required)
            .field("anio", .int, .required)
            .field("inicio", .string, .required)
            .field("fin", .string, .required)
            .field("tramos", .string, .required)
            .field("definicion", .string, .required)
            .field("abierto_por_id", .uuid, .references("usuarios", "id", onDelete: .setNull))
            .field("created_at", .datetime)
            .unique(on: "instrumento_id", "plantilla", "anio")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("periodos_edl").delete()
    }
}
