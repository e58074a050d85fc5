import Fluent

struct CreateAccionesMejoramiento: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("acciones_mejoramiento")
            .id()
            .field("evaluacion_id", .uuid, .required, .references("evaluaciones_edl", "id", onDelete: .cascade))
            .field("accion", .string, .required)
            .field("responsable", .string, .required)
            .field("fecha_limite", .string, .required)
            .field("indicador", .string, .required)
            .field("causa", .string, .required)
            .field("avance", .int, .required)
            .field("seguimientos", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("acciones_mejoramiento").delete()
    }
}
