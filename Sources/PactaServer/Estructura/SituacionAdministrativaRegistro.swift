import Fluent
import Foundation
import PactaCore

/// A dated situación administrativa of a servant, as recorded by Talento Humano.
final class SituacionAdministrativa: Model, @unchecked Sendable {
    static let schema = "situaciones_administrativas"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "tipo") var tipo: TipoSituacion
    @Field(key: "fecha_inicio") var fechaInicio: String
    @OptionalField(key: "fecha_fin") var fechaFin: String?
    @Field(key: "observacion") var observacion: String

    // relationships
    @Parent(key: "entidad_id") var entidad: Entidad
    @Parent(key: "servidor_id") var servidor: Servidor
    @OptionalParent(key: "dependencia_anterior_id") var dependenciaAnterior: Dependencia?
    @OptionalParent(key: "dependencia_nueva_id") var dependenciaNueva: Dependencia?
    @OptionalParent(key: "jefe_anterior_id") var jefeAnterior: Servidor?
    @OptionalParent(key: "jefe_nuevo_id") var jefeNuevo: Servidor?
    /// The account that recorded it. Accounts belong to Identidad, above Estructura, so this is the
    /// bare id (the column and its reference to `usuarios` are unchanged).
    @OptionalField(key: "registrada_por_id") var registradaPorID: UUID?

    init() {}
}
