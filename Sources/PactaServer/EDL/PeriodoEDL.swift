import Fluent
import Foundation
import PactaCore

/// A period opened by Talento Humano for an instrument; keeps a copy of the definition it was
/// opened with, so later edits of the instrument do not change a running period.
final class PeriodoEDL: Model, @unchecked Sendable {
    static let schema = "periodos_edl"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data fields
    @Field(key: "nombre") var nombre: String
    @Field(key: "plantilla") var plantilla: String
    @Field(key: "anio") var anio: Int
    @Field(key: "inicio") var inicio: String
    @Field(key: "fin") var fin: String
    /// [{nombre, inicio, fin}] of the stretches (semesters).
    @Field(key: "tramos") var tramosJSON: String
    @Field(key: "definicion") var definicionJSON: String

    // relationships
    @Parent(key: "entidad_id") var entidad: Entidad
    @Parent(key: "instrumento_id") var instrumento: InstrumentoEDL
    @OptionalParent(key: "abierto_por_id") var abiertoPor: Usuario?

    init() {}

    var definicion: DefinicionEDL {
        get throws { try JSONDecoder().decode(DefinicionEDL.self, from: Data(definicionJSON.utf8)) }
    }

    var periodo: Periodo { Periodo(inicio: Fecha(iso: inicio)!, fin: Fecha(iso: fin)!)! }

    struct Tramo: Codable, Sendable {
        var nombre: String
        var inicio: Fecha
        var fin: Fecha
    }

    var tramos: [Tramo] {
        (try? JSONDecoder().decode([Tramo].self, from: Data(tramosJSON.utf8))) ?? []
    }
}
