import Fluent
import SQLKit

struct CreateEvidencias: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("evidencias")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("instrumento", .string, .required)
            .field("evaluacion_id", .uuid, .required)
            .field("referencia_id", .uuid)
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
            try await sql.create(index: "evidencias_evaluacion").on("evidencias").column("instrumento").column("evaluacion_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("evidencias").delete()
    }
}
