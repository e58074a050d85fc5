import Fluent
import Foundation

/// An evidencia of the portafolio: a note and optionally a file. Files are kept in the database
/// so every app instance serving the same PostgreSQL sees them (no shared folder to mount).
final class EvidenciaEDL: Model, @unchecked Sendable {
    static let schema = "evidencias_edl"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "fecha") var fecha: String
    @Field(key: "autor_rol") var autorRol: String
    @Field(key: "nota") var nota: String
    @OptionalField(key: "nombre_archivo") var nombreArchivo: String?
    @OptionalField(key: "tipo_contenido") var tipoContenido: String?
    @Field(key: "tamano") var tamano: Int
    @OptionalField(key: "contenido") var contenido: Data?
    /// An evaluador's observation (seguimiento) rather than a piece of evidence.
    @Field(key: "es_observacion") var esObservacion: Bool

    // relationships
    @Parent(key: "evaluacion_id") var evaluacion: EvaluacionEDL
    @OptionalParent(key: "compromiso_id") var compromiso: CompromisoLaboral?
    @OptionalParent(key: "autor_id") var autor: Usuario?

    init() {}
}
