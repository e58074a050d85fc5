import Fluent
import Foundation
import PactaCore

/// The visible history of an evaluation of any instrument: who did what, when, and the stage it moved to.
/// Keyed by instrument and evaluation, so every instrument writes and reads the same table.
final class EventoEvaluacion: Model, @unchecked Sendable {
    static let schema = "eventos_evaluacion"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "instrumento") var instrumento: TipoInstrumento
    @Field(key: "evaluacion_id") var evaluacionID: UUID
    @Field(key: "fecha") var fecha: String
    @Field(key: "accion") var accion: String
    @Field(key: "rol") var rol: String
    @Field(key: "actor_nombre") var actorNombre: String
    @Field(key: "estado_desde") var estadoDesde: String
    @Field(key: "estado_hacia") var estadoHacia: String
    @Field(key: "detalle") var detalle: String

    // relationships
    @Parent(key: "entidad_id") var entidad: Entidad

    init() {}
}
