import Fluent
import Foundation
import PactaCore

/// A recurso against the definitive rating: reposición (before the evaluador), apelación (before
/// the evaluador's superior), or reposición with apelación en subsidio.
final class RecursoEDL: Model, @unchecked Sendable {
    static let schema = "recursos_edl"

    enum Tipo: String, Codable, CaseIterable, Sendable {
        case reposicion
        case apelacion
        case reposicionYApelacion = "reposicion_y_apelacion"
        var nombre: String {
            switch self {
            case .reposicion: "Reposición"
            case .apelacion: "Apelación"
            case .reposicionYApelacion: "Reposición y en subsidio apelación"
            }
        }
    }

    /// The decision rules live in `PactaCore.Recursos`.
    typealias Decision = DecisionRecurso

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "tipo") var tipo: Tipo
    /// "reposicion" or "apelacion": which instance this row is.
    @Field(key: "instancia") var instancia: String
    @Field(key: "interpuesto_el") var interpuestoEl: String
    @Field(key: "fundamentos") var fundamentos: String
    @OptionalField(key: "resuelto_el") var resueltoEl: String?
    @OptionalField(key: "decision") var decision: Decision?
    @OptionalField(key: "puntaje_anterior") var puntajeAnterior: Int?
    @OptionalField(key: "puntaje_nuevo") var puntajeNuevo: Int?
    @OptionalField(key: "resolucion") var resolucion: String?

    // relationships
    @Parent(key: "evaluacion_id") var evaluacion: EvaluacionEDL
    @OptionalParent(key: "resuelto_por_id") var resueltoPor: Usuario?

    init() {}
}
