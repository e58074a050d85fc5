import Fluent
import Foundation
import PactaCore

/// An uploaded import file, kept in the database between preview and commit so any
/// server instance can apply it.
final class ImportBatch: Model, @unchecked Sendable {
    static let schema = "importaciones"

    enum Estado: String, Codable { case previsualizada, aplicada, descartada }

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "tipo") var tipo: TipoImportacion
    @Field(key: "nombre_archivo") var nombreArchivo: String
    @Field(key: "contenido") var contenido: Data
    @Field(key: "estado") var estado: Estado
    @Field(key: "registros") var registros: Int
    @Field(key: "errores") var errores: Int
    @OptionalField(key: "resumen") var resumen: String?
    @Parent(key: "entidad_id") var entidad: Entidad
    @Parent(key: "usuario_id") var usuario: Usuario

    init() {}
}
