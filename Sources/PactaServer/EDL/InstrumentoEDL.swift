import Fluent
import Foundation
import PactaCore

/// An entity's EDL instrument: the definition (as JSON) Talento Humano copied from a preset and edited.
final class InstrumentoEDL: Model, @unchecked Sendable {
    static let schema = "instrumentos_edl"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "nombre") var nombre: String
    /// The preset it was copied from.
    @Field(key: "origen") var origen: String
    @Field(key: "definicion") var definicionJSON: String
    @Field(key: "activo") var activo: Bool

    // relationships
    @Parent(key: "entidad_id") var entidad: Entidad

    init() {}

    var definicion: DefinicionEDL {
        get throws { try JSONDecoder().decode(DefinicionEDL.self, from: Data(definicionJSON.utf8)) }
    }

    func asignar(_ d: DefinicionEDL) throws {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        definicionJSON = String(decoding: try e.encode(d), as: UTF8.self)
        nombre = d.nombre
    }
}
