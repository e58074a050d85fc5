import Fluent
import SQLKit

struct CreateAccionesDeMejoramiento: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("acciones_de_mejoramiento")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("instrumento", .string, .required)
            .field("evaluacion_id", .uuid, .required)
            .field("accion", .string, .required)
            .field("responsable", .string, .required)
            .field("fecha_limite", .string, .required)
            .field("indicador", .string, .required)
            .field("causa", .string, .required)
            .field("avance", .int, .required)
            .field("seguimientos", .string, .required)
            .field("created_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "acciones_de_mejoramiento_evaluacion").on("acciones_de_mejoramiento")
                .column("instrumento").column("evaluacion_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("acciones_de_mejoramiento").delete()
    }
}
