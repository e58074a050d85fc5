import Fluent
import Foundation
import PactaCore

/// A compromiso laboral: verbo + objeto + condición de resultado, its evidencias and peso.
/// Adjusted compromisos are kept (vigente = false) so the record shows what was agreed first.
final class CompromisoLaboral: Model, @unchecked Sendable {
    static let schema = "compromisos_edl"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "orden") var orden: Int
    @Field(key: "verbo") var verbo: String
    @Field(key: "objeto") var objeto: String
    @Field(key: "condicion") var condicion: String
    @Field(key: "evidencias") var evidencias: String
    @Field(key: "peso") var peso: Int
    @OptionalField(key: "meta") var meta: String?
    @Field(key: "vigente") var vigente: Bool

    // relationships
    @Parent(key: "evaluacion_id") var evaluacion: EvaluacionEDL

    init() {}

    var propuesto: CompromisoPropuesto {
        CompromisoPropuesto(verbo: verbo, objeto: objeto, condicion: condicion, evidencias: evidencias,
                            peso: Puntaje(centesimas: peso))
    }
}
