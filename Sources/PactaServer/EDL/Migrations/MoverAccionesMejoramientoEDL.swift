import Fluent
import SQLKit

/// The EDL's planes de mejoramiento move into the table every instrument shares
/// (`acciones_de_mejoramiento`); `revert` brings them back to `acciones_mejoramiento`.
struct MoverAccionesMejoramientoEDL: AsyncMigration {
    static let columnas = "accion, responsable, fecha_limite, indicador, causa, avance, seguimientos, created_at"

    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            try await MovimientoEDL.sql(db).raw("""
                INSERT INTO acciones_de_mejoramiento (id, entidad_id, instrumento, evaluacion_id, \(unsafeRaw: Self.columnas))
                SELECT a.id, v.entidad_id, \(bind: MovimientoEDL.instrumento), a.evaluacion_id, \(unsafeRaw: MovimientoEDL.prefijar(Self.columnas, "a"))
                FROM acciones_mejoramiento a JOIN evaluaciones_edl v ON v.id = a.evaluacion_id
                """).run()
            try await db.schema("acciones_mejoramiento").delete()
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
