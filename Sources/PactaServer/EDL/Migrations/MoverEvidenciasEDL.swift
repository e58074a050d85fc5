import Fluent
import SQLKit

/// The EDL's portafolio de evidencias moves into the table every instrument shares (`evidencias`),
/// the compromiso becoming the evidencia's reference; `revert` brings it back to `evidencias_edl`.
struct MoverEvidenciasEDL: AsyncMigration {
    static let columnas = "autor_id, fecha, autor_rol, nota, nombre_archivo, tipo_contenido, tamano, contenido, es_observacion, created_at"

    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            try await MovimientoEDL.llevar(on: db, desde: "evidencias_edl", hacia: "evidencias", columnas: Self.columnas, referencia: "compromiso_id")
        }
    }

    func revert(on database: any Database) async throws {
        try await database.transaction { db in
            try await CreateEvidenciasEDL().prepare(on: db)
            // A reference to a compromiso that no longer exists is dropped, as the old foreign key did.
            try await MovimientoEDL.devolver(
                on: db, tabla: "evidencias", hacia: "evidencias_edl", columnas: "id, evaluacion_id, compromiso_id, \(Self.columnas)",
                origen: "id, evaluacion_id, CASE WHEN referencia_id IN (SELECT id FROM compromisos_edl) THEN referencia_id END, \(Self.columnas)")
        }
    }
}
