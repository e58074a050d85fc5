import Fluent

struct CreateUsuarios: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("usuarios")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("servidor_id", .uuid, .references("servidores", "id", onDelete: .setNull))
            .field("nombre_usuario", .string, .required)
            .field("nombre", .string, .required)
            .field("password_hash", .string, .required)
            .field("rol", .string, .required)
            .field("activo", .bool, .required)
            .field("debe_cambiar_contrasena", .bool, .required)
            .field("es_administrador_global", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "nombre_usuario")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("usuarios").delete()
    }
}
