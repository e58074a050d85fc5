import Foundation
import Vapor

/// An error a person can cause: a status, a Spanish message, and optionally messages per field.
struct PactaError: AbortError, Sendable {
    let status: HTTPResponseStatus
    let mensaje: String
    var campos: [String: String] = [:]

    var reason: String { mensaje }

    static func noEncontrado(_ que: String) -> PactaError {
        .init(status: .notFound, mensaje: "\(que) no existe o usted no tiene acceso.")
    }
    static func prohibido(_ mensaje: String = "No tiene permiso para realizar esta acción.") -> PactaError {
        .init(status: .forbidden, mensaje: mensaje)
    }
    static func validacion(_ campos: [String: String], mensaje: String = "Revise los datos marcados.") -> PactaError {
        .init(status: .unprocessableEntity, mensaje: campos.count == 1 ? (campos.values.first ?? mensaje) : mensaje, campos: campos)
    }
    static func conflicto(_ mensaje: String) -> PactaError { .init(status: .conflict, mensaje: mensaje) }
    static func solicitudInvalida(_ mensaje: String) -> PactaError { .init(status: .badRequest, mensaje: mensaje) }
    static let noAutenticado = PactaError(status: .unauthorized, mensaje: "Debe iniciar sesión.")
}

/// The JSON body of every API error.
struct ErrorDTO: Content {
    let error: Bool
    let codigo: UInt
    let mensaje: String
    let campos: [String: String]?
}
