import Fluent
import SQLKit

struct CreateEvaluacionesGI: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("evaluaciones_gi")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("vigencia_id", .uuid, .required, .references("vigencias_gi", "id", onDelete: .cascade))
            .field("servidor_id", .uuid, .required, .references("servidores", "id", onDelete: .cascade))
            .field("jefe_id", .uuid, .references("servidores", "id", onDelete: .setNull))
            .field("dependencia_id", .uuid, .references("dependencias", "id", onDelete: .setNull))
            .field("estado", .string, .required)
            .field("vinculacion", .string, .required)
            .field("nivel", .string, .required)
            .field("posesion", .string)
            .field("metas", .string, .required)
            .field("metas_previas", .string)
            .field("competencias", .string, .required)
            .field("motivo", .string)
            .field("enviada_el", .string)
            .field("revisada_el", .string)
            .field("modificada", .bool)
            .field("seguimiento1", .int)
            .field("seguimiento2", .int)
            .field("resultado", .int)
            .field("nivel_escala", .string)
            .field("finalizada_el", .string)
            .field("etapa_desde", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "vigencia_id", "servidor_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "evaluaciones_gi_vigencia_estado").on("evaluaciones_gi").column("vigencia_id").column("estado").run()
            try await sql.create(index: "evaluaciones_gi_jefe").on("evaluaciones_gi").column("jefe_id").run()
            try await sql.create(index: "evaluaciones_gi_servidor").on("evaluaciones_gi").column("servidor_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("evaluaciones_gi").delete()
    }
}
