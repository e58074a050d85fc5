import Fluent
import Foundation
import PactaCore
import Vapor

/// `/api/v1/mejoramiento`: the formatos de mejoramiento individual of every instrument, as JSON.
enum MejoramientoAPI {
    static func register(_ r: any RoutesBuilder) {
        let m = r.grouped("mejoramiento")
        m.get(use: formatos)
        m.post("envios", use: enviarFormatos)
        m.get(":id", use: formato)
        m.put(":id", use: diligenciar)
        m.post(":id", "seguimientos", use: seguimiento)
        m.post(":id", "cierre", use: cerrar)
    }

    struct Enviados: Content { let enviados: Int }

    @Sendable static func enviarFormatos(req: Request) async throws -> Enviados {
        Enviados(enviados: try await MejoramientoService.enviar(req.content.decode(MejoramientoService.EnviarInput.self),
                                                                fuentes: req.application.fuentesDeMejoramiento, req.actor(), hoy: req.hoy, on: req.db))
    }

    @Sendable static func formatos(req: Request) async throws -> [FormatoMejoramientoDTO] {
        let estado: EstadoMejoramiento? = try Campos.filtro("estado", req.query["estado"])
        return try await MejoramientoService.listar(req.actor(), estado: estado, on: req.db).map(FormatoMejoramientoDTO.init)
    }

    @Sendable static func formato(req: Request) async throws -> FormatoMejoramientoDTO {
        FormatoMejoramientoDTO(try await MejoramientoService.obtener(req.parameters.get("id", as: UUID.self), req.actor(), on: req.db).0)
    }

    @Sendable static func diligenciar(req: Request) async throws -> FormatoMejoramientoDTO {
        FormatoMejoramientoDTO(try await MejoramientoService.diligenciar(req.parameters.get("id", as: UUID.self),
                                                                        req.content.decode(MejoramientoService.DiligenciarInput.self), req.actor(), on: req.db))
    }

    @Sendable static func seguimiento(req: Request) async throws -> FormatoMejoramientoDTO {
        FormatoMejoramientoDTO(try await MejoramientoService.seguimiento(req.parameters.get("id", as: UUID.self),
                                                                        req.content.decode(MejoramientoService.SeguimientoInput.self), req.actor(), hoy: req.hoy, on: req.db))
    }

    @Sendable static func cerrar(req: Request) async throws -> FormatoMejoramientoDTO {
        FormatoMejoramientoDTO(try await MejoramientoService.cerrar(req.parameters.get("id", as: UUID.self),
                                                                   req.content.decode(MejoramientoService.CierreInput.self), req.actor(), hoy: req.hoy, on: req.db))
    }
}
