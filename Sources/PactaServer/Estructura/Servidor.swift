import Fluent
import Foundation
import PactaCore

/// A public servant of the entity.
final class Servidor: Model, @unchecked Sendable {
    static let schema = "servidores"

    // managed fields
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data fields
    @Field(key: "documento") var documento: String
    @Field(key: "tipo_documento") var tipoDocumento: TipoDocumento
    @Field(key: "nombres") var nombres: String
    @Field(key: "apellidos") var apellidos: String
    @OptionalField(key: "correo") var correo: String?
    @Field(key: "tipo_vinculacion") var tipoVinculacion: TipoVinculacion
    /// ISO date "aaaa-mm-dd": a civil date, free of time zones.
    @OptionalField(key: "fecha_posesion") var fechaPosesion: String?
    @Field(key: "activo") var activo: Bool
    /// In período de prueba, already holds carrera rights in another post (ascenso): a No
    /// satisfactoria returns them to it. `nil` on rows from before the column: no.
    @OptionalField(key: "derechos_de_carrera") var derechosDeCarrera: Bool?
    /// Lower-cased "nombres apellidos documento" without accents, for search on both databases.
    @Field(key: "busqueda") var busqueda: String

    // relationships
    @Parent(key: "entidad_id") var entidad: Entidad
    @OptionalParent(key: "empleo_id") var empleo: Empleo?
    @OptionalParent(key: "dependencia_id") var dependencia: Dependencia?
    @OptionalParent(key: "jefe_id") var jefe: Servidor?

    init() {}

    init(id: UUID? = nil, entidadID: UUID, documento: String, tipoDocumento: TipoDocumento = .cc, nombres: String, apellidos: String,
         correo: String?, tipoVinculacion: TipoVinculacion, fechaPosesion: Fecha?, empleoID: UUID?, dependenciaID: UUID?, jefeID: UUID?, activo: Bool = true) {
        self.id = id
        self.$entidad.id = entidadID
        self.documento = documento
        self.tipoDocumento = tipoDocumento
        self.nombres = nombres
        self.apellidos = apellidos
        self.correo = correo
        self.tipoVinculacion = tipoVinculacion
        self.fechaPosesion = fechaPosesion?.iso
        self.$empleo.id = empleoID
        self.$dependencia.id = dependenciaID
        self.$jefe.id = jefeID
        self.activo = activo
        self.busqueda = ""
        actualizarBusqueda()
    }

    var nombreCompleto: String { "\(nombres) \(apellidos)" }
    var posesion: Fecha? { fechaPosesion.flatMap(Fecha.init(iso:)) }

    func actualizarBusqueda() {
        busqueda = Texto.normalizar("\(nombres) \(apellidos) \(documento) \(correo ?? "")")
    }
}
