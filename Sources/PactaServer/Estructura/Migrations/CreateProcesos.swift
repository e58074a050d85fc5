import Fluent

struct CreateProcesos: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("procesos")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("codigo", .string, .required)
            .field("nombre", .string, .required)
            .field("tipo", .string, .required)
            .field("dependencia_lider_id", .uuid, .references("dependencias", "id", onDelete: .setNull))
            .unique(on: "entidad_id", "codigo")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("procesos").delete()
    }
}
