import Fluent
import SQLKit

struct CreateSesiones: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sesiones")
            .id()
            .field("clave_hash", .string, .required)
            .field("datos", .string, .required)
            .field("expira", .datetime, .required)
            .unique(on: "clave_hash")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "sesiones_expira_idx").on("sesiones").column("expira").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sesiones").delete()
    }
}
