import Fluent
import SQLKit

struct CreateEvaluacionesEDL: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("evaluaciones_edl")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("periodo_id", .uuid, .required, .references("periodos_edl", "id", onDelete: .cascade))
            .field("servidor_id", .uuid, .required, .references("servidores", "id", onDelete: .cascade))
            .field("evaluador_id", .uuid, .references("servidores", "id", onDelete: .setNull))
            .field("comision_id", .uuid, .references("servidores", "id", onDelete: .setNull))
            .field("dependencia_id", .uuid, .references("dependencias", "id", onDelete: .setNull))
            .field("estado", .string, .required)
            .field("en_prueba", .bool, .required)
            .field("inicio", .string, .required)
            .field("fin", .string, .required)
            .field("vence_concertacion", .string, .required)
            .field("nivel", .string, .required)
            .field("vinculacion", .string, .required)
            .field("peso_total", .int, .required)
            .field("comportamentales", .string, .required)
            .field("modo_fijacion", .string)
            .field("testigo", .string)
            .field("concertada_el", .string)
            .field("puntaje", .int)
            .field("nivel_escala", .string)
            .field("nivel_nombre", .string)
            .field("satisfactoria", .bool)
            .field("calificada_el", .string)
            .field("motivacion", .string)
            .field("notificada_el", .string)
            .field("medio_notificacion", .string)
            .field("en_firme_el", .string)
            .field("orden_extraordinaria", .string)
            .field("extraordinaria_ordenada_el", .string)
            .field("es_extraordinaria", .bool, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "periodo_id", "servidor_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "evaluaciones_edl_periodo_estado").on("evaluaciones_edl").column("periodo_id").column("estado").run()
            try await sql.create(index: "evaluaciones_edl_evaluador").on("evaluaciones_edl").column("evaluador_id").run()
            try await sql.create(index: "evaluaciones_edl_servidor").on("evaluaciones_edl").column("servidor_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("evaluaciones_edl").delete()
    }
}
