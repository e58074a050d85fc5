import Fluent
import SQLKit

struct CreateEvidenciasEDL: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("evidencias_edl")
            .id()
            .field("evaluacion_id", .uuid, .required, .references("evaluaciones_edl", "id", onDelete: .cascade))
            .field("compromiso_id", .uuid, .references("compromisos_edl", "id", onDelete: .setNull))
            .field("autor_id", .uuid, .references("usuarios", "id", onDelete: .setNull))
            .field("fecha", .string, .required)
            .field("autor_rol", .string, .required)
            .field("nota", .string, .required)
            .field("nombre_archivo", .string)
            .field("tipo_contenido", .string)
            .field("tamano", .int, .required)
            .field("contenido", .data)
            .field("es_observacion", .bool, .required)
            .field("created_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "evidencias_edl_evaluacion").on("evidencias_edl").column("evaluacion_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("evidencias_edl").delete()
    }
}
