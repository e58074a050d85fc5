import Fluent
import Foundation
import PactaCore
import Vapor

/// POST /api/v1/importaciones?tipo=servidores&archivo=planta.xlsx with the file as the raw body
/// (or multipart field `archivo`) answers the preview; POST …/{id}/aplicar commits it.
enum ImportacionAPI {
    static func register(_ r: any RoutesBuilder) {
        r.on(.POST, "importaciones", body: .collect(maxSize: "10mb"), use: previsualizar)
        r.get("importaciones", ":id", use: revisar)
        r.post("importaciones", ":id", "aplicar", use: aplicar)
        r.post("importaciones", ":id", "descartar", use: descartar)
    }

    struct Parametros: Content { var tipo: String?; var archivo: String? }
    struct Multipart: Content { var tipo: String?; var archivo: File? }

    @Sendable static func previsualizar(req: Request) async throws -> Response {
        let actor = try req.actor()
        try actor.exigir(.importar)
        let p = try req.query.decode(Parametros.self)
        var tipoTexto = p.tipo
        var nombre = p.archivo ?? "archivo.csv"
        var datos = Data(buffer: req.body.data ?? ByteBuffer())
        if req.headers.contentType?.type == "multipart" {
            // A form with files must be well formed and carry the file; a broken one is never read as a raw file.
            let m = try req.content.decode(Multipart.self)
            guard let f = m.archivo else {
                throw PactaError.validacion(["archivo": "Adjunte el archivo en el campo «archivo» del formulario."])
            }
            datos = Data(buffer: f.data)
            nombre = f.filename
            tipoTexto = m.tipo ?? tipoTexto
        }
        guard let tipo = tipoTexto.flatMap(TipoImportacion.init(rawValue:)) else {
            throw PactaError.validacion(["tipo": "Indique el tipo de importación: dependencias, procesos o servidores."])
        }
        let vista = try await ImportService.previsualizar(tipo: tipo, nombreArchivo: nombre, data: datos, actor, on: req.db)
        return try await vista.encodeResponse(status: .created, for: req)
    }

    @Sendable static func revisar(req: Request) async throws -> ImportService.Vista {
        try await ImportService.revisar(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
    }

    @Sendable static func aplicar(req: Request) async throws -> ImportService.Resumen {
        try await ImportService.aplicar(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
    }

    @Sendable static func descartar(req: Request) async throws -> HTTPStatus {
        try await ImportService.descartar(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db)
        return .noContent
    }
}
