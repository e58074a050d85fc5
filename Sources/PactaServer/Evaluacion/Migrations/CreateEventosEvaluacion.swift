import Fluent
import SQLKit

struct CreateEventosEvaluacion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("eventos_evaluacion")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("instrumento", .string, .required)
            .field("evaluacion_id", .uuid, .required)
            .field("fecha", .string, .required)
            .field("accion", .string, .required)
            .field("rol", .string, .required)
            .field("actor_nombre", .string, .required)
            .field("estado_desde", .string, .required)
            .field("estado_hacia", .string, .required)
            .field("detalle", .string, .required)
            .field("created_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "eventos_evaluacion_evaluacion").on("eventos_evaluacion")
                .column("instrumento").column("evaluacion_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("eventos_evaluacion").delete()
    }
}
