import Fluent
import Testing
import Foundation
import PactaCore
import Vapor
import VaporTesting
@testable import PactaServer

/// The base fixture plus what an EDL cycle needs: an LNR servant for the comisión evaluadora and
/// a superior of the jefe (who resolves the apelación), each with an account and a token.
struct EDLFixture {
    let base: Fixture
    let comision: Servidor
    let superior: Servidor
    let tokens: [String: String]

    static func crear(_ app: Application) async throws -> EDLFixture {
        let f = try await Fixture.crear(app)
        let db = app.db
        let hash = try app.password.hash(Fixture.contrasena)
        let superior = Servidor(entidadID: f.entidadA.id!, documento: "1004", nombres: "Sara", apellidos: "Superior", correo: "sara@a.gov.co",
                                tipoVinculacion: .libreNombramiento, fechaPosesion: Fecha(2019, 1, 10), empleoID: nil,
                                dependenciaID: f.dependenciaA.id, jefeID: nil)
        try await superior.create(on: db)
        f.jefe.$jefe.id = superior.id
        try await f.jefe.save(on: db)
        let comision = Servidor(entidadID: f.entidadA.id!, documento: "1005", nombres: "Carla", apellidos: "Comisión", correo: "carla@a.gov.co",
                                tipoVinculacion: .libreNombramiento, fechaPosesion: Fecha(2019, 5, 2), empleoID: nil,
                                dependenciaID: f.dependenciaA.id, jefeID: superior.id)
        try await comision.create(on: db)
        var tokens = f.tokens
        for (clave, s) in [("superior", superior), ("comision", comision)] {
            let u = Usuario(entidadID: f.entidadA.id!, nombreUsuario: clave, nombre: clave.capitalized, passwordHash: hash, rol: .servidor, servidorID: s.id)
            try await u.create(on: db)
            let token = Tokens.nuevo()
            try await ApiToken(usuarioID: u.id!, tokenHash: Tokens.sha256(token), nombre: "prueba", expira: Date().addingTimeInterval(3600)).create(on: db)
            tokens[clave] = token
        }
        return EDLFixture(base: f, comision: comision, superior: superior, tokens: tokens)
    }

    func token(_ clave: String) -> String { tokens[clave]! }

    /// A servant in período de prueba since `posesion`, in the jefe's team (profesional empleo).
    func servidorEnPrueba(_ app: Application, documento: String, nombres: String, apellidos: String, posesion: Fecha) async throws -> Servidor {
        let s = Servidor(entidadID: base.entidadA.id!, documento: documento, nombres: nombres, apellidos: apellidos, correo: nil,
                         tipoVinculacion: .periodoDePrueba, fechaPosesion: posesion, empleoID: base.empleoA.id,
                         dependenciaID: base.dependenciaA.id, jefeID: base.jefe.id)
        try await s.create(on: app.db)
        return s
    }

    /// Talento Humano's copy of the CNSC preset with the comisión evaluadora turned off, through the API.
    func instrumentoCNSCSinComision(_ app: Application) async throws -> InstrumentoDTO {
        let i = try await app.sendJSON(.POST, "/api/v1/edl/instrumentos", token: token("th"), json: ["preset": "cnsc_2018"])
        let instrumento = try i.json(InstrumentoDTO.self)
        #expect(try await app.sendJSON(.PUT, "/api/v1/edl/instrumentos/\(instrumento.id)", token: token("th"), json: ["comision": "no"]).status == .ok)
        return instrumento
    }
}

extension Application {
    /// Fixes the application's clock at noon (Colombia) of `f`.
    func fijarHoy(_ f: Fecha) {
        let d = f.inicio(zona: Fecha.zonaColombia).addingTimeInterval(12 * 3600)
        reloj = { d }
    }

    func multipart(_ path: String, token: String?, campos: [String: String], archivo: (nombre: String, datos: Data)?) async throws -> TestingHTTPResponse {
        let limite = "----pacta\(UUID().uuidString)"
        var cuerpo = Data()
        func linea(_ s: String) { cuerpo.append(Data((s + "\r\n").utf8)) }
        for (k, v) in campos {
            linea("--\(limite)")
            linea("Content-Disposition: form-data; name=\"\(k)\"")
            linea("")
            linea(v)
        }
        if let archivo {
            linea("--\(limite)")
            linea("Content-Disposition: form-data; name=\"archivo\"; filename=\"\(archivo.nombre)\"")
            linea("Content-Type: application/octet-stream")
            linea("")
            cuerpo.append(archivo.datos)
            linea("")
        }
        linea("--\(limite)--")
        var h = HTTPHeaders()
        if let token { h.bearerAuthorization = BearerAuthorization(token: token) }
        h.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(limite)")
        return try await send(.POST, path, headers: h, body: ByteBuffer(data: cuerpo))
    }
}

/// A tiny but real PDF header: enough for the type check.
let pdfDePrueba = Data("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".utf8)
