import Fluent
import SQLKit

/// The EDL's planes de mejoramiento move into the table every instrument shares
/// (`acciones_de_mejoramiento`); `revert` brings them back to `acciones_mejoramiento`.
struct MoverAccionesMejoramientoEDL: AsyncMigration {
    static let columnas = "accion, responsable, fecha_limite, indicador, causa, avance, seguimientos, created_at"

    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            try await MovimientoEDL.llevar(on: db, desde: "acciones_mejoramiento", hacia: "acciones_de_mejoramiento", columnas: Self.columnas)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.transaction { db in
            try await CreateAccionesMejoramiento().prepare(on: db)
            try await MovimientoEDL.devolver(on: db, tabla: "acciones_de_mejoramiento", hacia: "acciones_mejoramiento",
                                             columnas: "id, evaluacion_id, \(Self.columnas)")
        }
    }
}
