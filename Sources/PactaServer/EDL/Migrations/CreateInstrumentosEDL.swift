import Fluent

struct CreateInstrumentosEDL: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("instrumentos_edl")
            .id()
            .field("entidad_id", .uuid, .required, .references("entidades", "id", onDelete: .cascade))
            .field("nombre", .string, .required)
            .field("origen", .string, .required)
            .field("definicion", .string, .required)
            .field("activo", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "entidad_id", "nombre")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("instrumentos_edl").delete()
    }
}
