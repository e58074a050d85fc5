import Fluent
import SQLKit

struct CreateCompromisosEDL: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("compromisos_edl")
            .id()
            .field("evaluacion_id", .uuid, .required, .references("evaluaciones_edl", "id", onDelete: .cascade))
            .field("orden", .int, .required)
            .field("verbo", .string, .required)
            .field("objeto", .string, .required)
            .field("condicion", .string, .required)
            .field("evidencias", .string, .required)
            .field("peso", .int, .required)
            .field("meta", .string)
            .field("vigente", .bool, .required)
            .field("created_at", .datetime)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "compromisos_edl_evaluacion").on("compromisos_edl").column("evaluacion_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("compromisos_edl").delete()
    }
}
