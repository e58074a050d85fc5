import Fluent

struct CreateSituacionesAdministrativas: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("situaciones_administrativas")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("servidor_id", .uuid, .required, .references("servidores", "id", onDelete: .cascade))
            .field("tipo", .string, .required)
            .field("fecha_inicio", .string, .required)
            .field("fecha_fin", .string)
            .field("observacion", .string, .required)
            .field("dependencia_anterior_id", .uuid, .references("dependencias", "id", onDelete: .setNull))
            .field("dependencia_nueva_id", .uuid, .references("dependencias", "id", onDelete: .setNull))
            .field("jefe_anterior_id", .uuid, .references("servidores", "id", onDelete: .setNull))
            .field("jefe_nuevo_id", .uuid, .references("servidores", "id", onDelete: .setNull))
            .field("registrada_por_id", .uuid, .references("usuarios", "id", onDelete: .setNull))
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("situaciones_administrativas").delete()
    }
}
