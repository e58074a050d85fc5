import Fluent
import SQLKit

struct CreateFormatosMejoramiento: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("formatos_mejoramiento")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("servidor_id", .uuid, .required, .references("servidores", "id", onDelete: .cascade))
            .field("jefe_id", .uuid, .references("servidores", "id", onDelete: .setNull))
            .field("instrumento", .string, .required)
            .field("evaluacion_id", .uuid, .required)
            .field("vigencia", .string, .required)
            .field("resultado", .int, .required)
            .field("umbral", .int, .required)
            .field("estado", .string, .required)
            .field("enviado_el", .string, .required)
            .field("vence", .string, .required)
            .field("oportunidades", .string, .required)
            .field("acciones", .string, .required)
            .field("seguimientos", .string, .required)
            .field("cerrado_el", .string)
            .field("cierre", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "instrumento", "evaluacion_id")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "formatos_mejoramiento_entidad").on("formatos_mejoramiento").column("entidad_id").column("estado").run()
            try await sql.create(index: "formatos_mejoramiento_servidor").on("formatos_mejoramiento").column("servidor_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("formatos_mejoramiento").delete()
    }
}
