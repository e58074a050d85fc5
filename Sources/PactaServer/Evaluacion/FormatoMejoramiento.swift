import Fluent
import Foundation
import PactaCore

/// A formato de mejoramiento individual (seed 001, activities 18–20): sent by Talento Humano to a
/// servant whose result of any instrument requires it, filled in by the jefe and the evaluado, and
/// followed up to its closure.
final class FormatoMejoramiento: Model, @unchecked Sendable {
    static let schema = "formatos_mejoramiento"

    struct AccionDeMejora: Codable, Sendable, Hashable {
        var descripcion: String
        var responsable: String
        var fecha: String
        var indicador: String
    }

    struct SeguimientoDeMejora: Codable, Sendable, Hashable {
        var fecha: String
        var autor: String
        var avance: Int
        var nota: String
    }

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "instrumento") var instrumento: TipoInstrumento
    @Field(key: "evaluacion_id") var evaluacionID: UUID
    @Field(key: "vigencia") var vigencia: String
    /// The result that called for it (centésimas) and the threshold in force.
    @Field(key: "resultado") var resultado: Int
    @Field(key: "umbral") var umbral: Int
    @Field(key: "estado") var estado: EstadoMejoramiento
    @Field(key: "enviado_el") var enviadoEl: String
    @Field(key: "vence") var vence: String
    @Field(key: "oportunidades") var oportunidades: String
    @Field(key: "acciones") var accionesJSON: String
    @Field(key: "seguimientos") var seguimientosJSON: String
    @OptionalField(key: "cerrado_el") var cerradoEl: String?
    @OptionalField(key: "cierre") var cierre: String?
    @Field(key: "version") var version: Int

    // relationships
    @Parent(key: "entidad_id") var entidad: Entidad
    @Parent(key: "servidor_id") var servidor: Servidor
    @OptionalParent(key: "jefe_id") var jefe: Servidor?

    init() {}

    var acciones: [AccionDeMejora] {
        get { (try? JSONDecoder().decode([AccionDeMejora].self, from: Data(accionesJSON.utf8))) ?? [] }
        set { accionesJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("[]".utf8), as: UTF8.self) }
    }

    var seguimientos: [SeguimientoDeMejora] {
        get { (try? JSONDecoder().decode([SeguimientoDeMejora].self, from: Data(seguimientosJSON.utf8))) ?? [] }
        set { seguimientosJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("[]".utf8), as: UTF8.self) }
    }
}
