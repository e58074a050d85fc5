import Fluent
import SQLKit

struct CreateIntentosDeAcceso: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("intentos_de_acceso")
            .id()
            .field("nombre_usuario", .string, .required)
            .field("ip", .string, .required)
            .field("exitoso", .bool, .required)
            .field("momento", .datetime, .required)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "intentos_usuario_momento_idx").on("intentos_de_acceso")
                .column("nombre_usuario").column("momento").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("intentos_de_acceso").delete()
    }
}
