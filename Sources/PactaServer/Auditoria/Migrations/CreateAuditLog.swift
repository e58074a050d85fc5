import Fluent

struct CreateAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_log")
            .id()
            .field("secuencia", .int64, .required)
            .field("momento_ms", .int64, .required)
            .field("entidad_id", .uuid)
            .field("usuario_id", .uuid)
            .field("actor", .string, .required)
            .field("accion", .string, .required)
            .field("tipo_registro", .string, .required)
            .field("registro_id", .string, .required)
            .field("antes", .string)
            .field("despues", .string)
            .field("hash_anterior", .string, .required)
            .field("hash", .string, .required)
            .field("busqueda", .string, .required)
            .unique(on: "secuencia")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_log").delete()
    }
}
