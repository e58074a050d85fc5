import Fluent
import Foundation
import PactaCore

/// An evidencia of any instrument's evaluation: a note and optionally a file, or an evaluador's
/// observation. Keyed by instrument and evaluation; `referencia` names what it supports inside the
/// evaluation (a compromiso of the EDL, a meta of the Gestión Institucional). Files are kept in the
/// database so every app instance serving the same PostgreSQL sees them (no shared folder to mount).
final class Evidencia: Model, @unchecked Sendable {
    static let schema = "evidencias"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "instrumento") var instrumento: TipoInstrumento
    @Field(key: "evaluacion_id") var evaluacionID: UUID
    @OptionalField(key: "referencia_id") var referenciaID: UUID?
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
    @Parent(key: "entidad_id") var entidad: Entidad
    @OptionalParent(key: "autor_id") var autor: Usuario?

    init() {}
}
