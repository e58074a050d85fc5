import Fluent

struct CreateRecursosEDL: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("recursos_edl")
            .id()
            .field("evaluacion_id", .uuid, .required, .references("evaluaciones_edl", "id", onDelete: .cascade))
            .field("tipo", .string, .required)
            .field("instancia", .string, .required)
            .field("interpuesto_el", .string, .required)
            .field("fundamentos", .string, .required)
            .field("resuelto_el", .string)
            .field("decision", .string)
            .field("puntaje_anterior", .int)
            .field("puntaje_nuevo", .int)
            .field("resolucion", .string)
            .field("resuelto_por_id", .uuid, .references("usuarios", "id", onDelete: .setNull))
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("recursos_edl").delete()
    }
}
