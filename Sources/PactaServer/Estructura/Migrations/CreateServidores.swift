import Fluent
import SQLKit

struct CreateServidores: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("servidores")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("documento", .string, .required)
            .field("tipo_documento", .string, .required)
            .field("nombres", .string, .required)
            .field("apellidos", .string, .required)
            .field("correo", .string)
            .field("tipo_vinculacion", .string, .required)
            .field("fecha_posesion", .string)
            .field("activo", .bool, .required, .sql(.default(true)))
            .field("busqueda", .string, .required)
            .field("empleo_id", .uuid, .references("empleos", "id", onDelete: .setNull))
            .field("dependencia_id", .uuid, .references("dependencias", "id", onDelete: .setNull))
            .field("jefe_id", .uuid, .references("servidores", "id", onDelete: .setNull))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "entidad_id", "documento")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "servidores_jefe_idx").on("servidores").column("jefe_id").run()
            try await sql.create(index: "servidores_dependencia_idx").on("servidores").column("dependencia_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("servidores").delete()
    }
}
