import Fluent
import SQLKit

struct CreateAvisos: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("avisos")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("usuario_id", .uuid, .references("usuarios", "id", onDelete: .cascade))
            .field("servidor_id", .uuid, .references("servidores", "id", onDelete: .cascade))
            .field("clave", .string, .required)
            .field("correo", .string)
            .field("asunto", .string, .required)
            .field("cuerpo", .string, .required)
            .field("enlace", .string)
            .field("estado", .string, .required)
            .field("intentos", .int, .required)
            .field("error", .string)
            .field("enviado_at", .datetime)
            .field("leido", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "clave")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "avisos_estado").on("avisos").column("estado").run()
            try await sql.create(index: "avisos_servidor").on("avisos").column("servidor_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("avisos").delete()
    }
}
