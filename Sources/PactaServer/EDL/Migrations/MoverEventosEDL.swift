import Fluent
import SQLKit

/// The EDL's history moves into the table every instrument shares (`eventos_evaluacion`); `revert`
/// brings it back to `eventos_edl`.
struct MoverEventosEDL: AsyncMigration {
    static let columnas = "fecha, accion, rol, actor_nombre, estado_desde, estado_hacia, detalle, created_at"

    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            try await MovimientoEDL.llevar(on: db, desde: "eventos_edl", hacia: "eventos_evaluacion", columnas: Self.columnas)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.transaction { db in
            try await CreateEventosEDL().prepare(on: db)
            try await MovimientoEDL.devolver(on: db, tabla: "eventos_evaluacion", hacia: "eventos_edl",
                                             columnas: "id, evaluacion_id, \(Self.columnas)")
        }
    }
}

/// What the EDL's moves into shared tables have in common.
enum MovimientoEDL {
    static let instrumento = "edl"

    static func sql(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw PactaError.conflicto("La migración necesita una base de datos SQL.") }
        return sql
    }

    /// "a, b" → "e.a, e.b"
    static func prefijar(_ columnas: String, _ alias: String) -> String {
        columnas.split(separator: ",").map { "\(alias).\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", ")
    }

    /// Copies every row of an EDL table into the shared one, with the entity of its evaluation (and,
    /// when given, the column that becomes `referencia_id`), then drops the EDL's table.
    static func llevar(on db: any Database, desde: String, hacia: String, columnas: String, referencia: String? = nil) async throws {
        let destino = referencia == nil ? "" : ", referencia_id"
        let origen = referencia.map { ", o.\($0)" } ?? ""
        try await sql(db).raw("""
            INSERT INTO \(unsafeRaw: hacia) (id, entidad_id, instrumento, evaluacion_id\(unsafeRaw: destino), \(unsafeRaw: columnas))
            SELECT o.id, v.entidad_id, \(bind: instrumento), o.evaluacion_id\(unsafeRaw: origen), \(unsafeRaw: prefijar(columnas, "o"))
            FROM \(unsafeRaw: desde) o JOIN evaluaciones_edl v ON v.id = o.evaluacion_id
            """).run()
        try await db.schema(desde).delete()
    }

    /// Copies the EDL's rows of a shared table back into the EDL's own (only those whose evaluation
    /// still exists, as the old foreign key demands), then removes them from the shared one.
    static func devolver(on db: any Database, tabla: String, hacia: String, columnas: String, origen: String? = nil) async throws {
        let sql = try sql(db)
        try await sql.raw("""
            INSERT INTO \(unsafeRaw: hacia) (\(unsafeRaw: columnas))
            SELECT \(unsafeRaw: origen ?? columnas) FROM \(unsafeRaw: tabla)
            WHERE instrumento = \(bind: instrumento) AND evaluacion_id IN (SELECT id FROM evaluaciones_edl)
            """).run()
        try await sql.raw("DELETE FROM \(unsafeRaw: tabla) WHERE instrumento = \(bind: instrumento)").run()
    }
}
