import Fluent
import SQLKit

struct CreateTramosEDL: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("tramos_edl")
            .id()
            .field("evaluacion_id", .uuid, .required, .references("evaluaciones_edl", "id", onDelete: .cascade))
            .field("evaluador_id", .uuid, .references("servidores", "id", onDelete: .setNull))
            .field("situacion_id", .uuid, .references("situaciones_administrativas", "id", onDelete: .setNull))
            .field("motivo", .string, .required)
            .field("estado", .string, .required)
            .field("desde", .string, .required)
            .field("hasta", .string, .required)
            .field("dias", .int, .required)
            .field("vence", .string)
            .field("puntaje", .int)
            .field("puntos_comportamentales", .int)
            .field("cumplimientos", .string, .required)
            .field("observaciones", .string, .required)
            .field("calificado_el", .string)
            .field("created_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "tramos_edl_evaluacion").on("tramos_edl").column("evaluacion_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("tramos_edl").delete()
    }
}
