import Fluent
import SQLKit

struct CreateEventosEDL: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("eventos_edl")
            .id()
            .field("evaluacion_id", .uuid, .required, .references("evaluaciones_edl", "id", onDelete: .cascade))
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
            try await sql.create(index: "eventos_edl_evaluacion").on("eventos_edl").column("evaluacion_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("eventos_edl").delete()
    }
}
