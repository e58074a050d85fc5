import Fluent
import Foundation
import PactaCore
import Testing
import Vapor
import VaporTesting
@testable import PactaServer

/// Bodies that stopped the whole process through MultipartKit's parser, and their relatives.
enum CuerposMalformados {
    static let limite = "B"
    static var multipart: [(String, [UInt8])] {
        func b(_ s: String) -> [UInt8] { Array(s.utf8) }
        return [
            ("byte alto donde va un encabezado (el del informe)", b("--B\r\n") + [0xC2, 0xBD] + b("--B--\r\n")),
            ("byte 0xFF en el nombre del encabezado", b("--B\r\nConten") + [0xFF] + b("-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B--\r\n")),
            ("acento en el nombre del encabezado", b("--B\r\nCóntent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B--\r\n")),
            ("límite truncado", b("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--")),
            ("límite que nunca cierra", b("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc")),
            ("parte vacía", b("--B\r\n\r\n\r\n--B--\r\n")),
            ("solo el cierre", b("--B--\r\n")),
            ("cuerpo vacío", []),
            ("solo saltos de línea", b("\r\n\r\n\r\n")),
            ("encabezados sin fin", b("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n")),
            ("encabezado sin dos puntos", b("--B\r\nContent-Disposition form-data\r\n\r\nx\r\n--B--\r\n")),
            ("bytes altos en todas partes", [0x80, 0x81, 0xFE, 0xFF, 0x0D, 0x0A, 0xC3] + b("--B\r\n") + [0xE2, 0x82] + b(":\r\n\r\n")),
            ("salto LF solo", b("--B\nContent-Disposition: form-data; name=\"a\"\n\nx\n--B--\n")),
            ("NUL en el valor del encabezado", b("--B\r\nContent-Disposition: form-data; name=\"a") + [0] + b("\"\r\n\r\nx\r\n--B--\r\n")),
        ]
    }
    /// Content-Type headers whose boundary MultipartKit cannot take (an empty one is a precondition failure).
    static let tiposMalos = ["multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"", "multipart/form-data",
                             "multipart/form-data; boundary=é", "multipart/form-data; boundary=\(String(repeating: "x", count: 71))"]
}

extension ServerTests {
    @Suite struct RobustezTests {
        /// Sends `cuerpo` with `tipo` to `ruta`, as a browser with a session when `navegador` is given.
        static func enviar(_ app: Application, _ ruta: String, tipo: String, cuerpo: [UInt8], token: String? = nil, cookie: String? = nil) async throws -> TestingHTTPResponse {
            var h = HTTPHeaders()
            h.replaceOrAdd(name: .contentType, value: tipo)
            if let token { h.bearerAuthorization = BearerAuthorization(token: token) }
            if let cookie { h.replaceOrAdd(name: .cookie, value: cookie) }
            return try await app.send(.POST, ruta, headers: h, body: ByteBuffer(bytes: cuerpo))
        }

        @Test("Malformed multipart bodies answer 4xx in Spanish on every route that reads one, and the server keeps serving")
        func malformedMultipartNeverStopsTheServer() async throws {
            try await withPacta { app in
                // setup
                let f = try await EDLFixture.crear(app)
                app.fijarHoy(Fecha(2026, 2, 5))
                let evaluacion = try await ServerTests.EDLAPI.abrir(app, f).evaluacionID
                let nav = Navegador(app)
                _ = try await nav.ingresar("th")
                let rutas: [(String, String?, String?)] = [
                    ("/ingresar", nil, nil),
                    ("/api/v1/auth/token", nil, nil),
                    ("/api/v1/edl/evaluaciones/\(evaluacion)/evidencias", f.token("evaluado"), nil),
                    ("/api/v1/importaciones?tipo=servidores", f.token("th"), nil),
                    ("/edl/evaluaciones/\(evaluacion)/evidencias", nil, nav.cookie),
                    ("/importar", nil, nav.cookie),
                    ("/cuenta/contrasena", nil, nav.cookie),
                ]
                let servidores = try await Servidor.query(on: app.db).count()
                var enviados = 0
                for (ruta, token, cookie) in rutas {
                    for (caso, cuerpo) in CuerposMalformados.multipart {
                        // MUT
                        let r = try await Self.enviar(app, ruta, tipo: "multipart/form-data; boundary=B", cuerpo: cuerpo, token: token, cookie: cookie)
                        enviados += 1
                        // validate
                        #expect((400..<500).contains(r.status.code), "\(ruta), \(caso): \(r.status)")
                        if ruta.hasPrefix("/api/") {
                            #expect(r.error?.mensaje.isEmpty == false, "\(ruta), \(caso)")
                        }
                    }
                    for tipo in CuerposMalformados.tiposMalos {
                        let r = try await Self.enviar(app, ruta, tipo: tipo, cuerpo: Array("--B\r\n\r\nx\r\n--B--\r\n".utf8), token: token, cookie: cookie)
                        enviados += 1
                        #expect((400..<500).contains(r.status.code), "\(ruta), \(tipo): \(r.status)")
                    }
                }
                #expect(enviados == rutas.count * (CuerposMalformados.multipart.count + CuerposMalformados.tiposMalos.count))
                #expect(try await app.get("/health", token: nil).status == .ok)
                #expect(try await Servidor.query(on: app.db).count() == servidores)
                // The body of the report, on the token endpoint, names the problem in Spanish.
                let informe = try await Self.enviar(app, "/api/v1/auth/token", tipo: "multipart/form-data; boundary=B", cuerpo: CuerposMalformados.multipart[0].1)
                #expect(informe.status == .badRequest)
                #expect(informe.error?.mensaje.contains("multipart") == true)
            }
        }

        @Test("A well-formed multipart sign-in still works through the guarded parser")
        func wellFormedMultipartSignIn() async throws {
            try await withPacta { app in
                _ = try await Fixture.crear(app)
                var cuerpo = "--XyZ\r\nContent-Disposition: form-data; name=\"nombreUsuario\"\r\n\r\nth\r\n"
                cuerpo += "--XyZ\r\nContent-Disposition: form-data; name=\"contrasena\"\r\n\r\n\(Fixture.contrasena)\r\n--XyZ--\r\n"
                let r = try await Self.enviar(app, "/api/v1/auth/token", tipo: "multipart/form-data; boundary=XyZ", cuerpo: Array(cuerpo.utf8))
                #expect(r.status == .created, "\(r.texto)")
            }
        }

        @Test("Malformed JSON, URL-encoded forms and query strings answer 400 or 422 in Spanish")
        func malformedJSONFormsAndQueries() async throws {
            try await withPacta { app in
                let f = try await Fixture.crear(app)
                let jsons: [[UInt8]] = [Array("{".utf8), Array("{\"nombreUsuario\": ".utf8), [0xFF, 0xFE, 0x00], Array("[1,2".utf8),
                                        Array(String(repeating: "[", count: 10_000).utf8), Array("{\"nombreUsuario\": 5}".utf8), Array("null".utf8)]
                for j in jsons {
                    let r = try await Self.enviar(app, "/api/v1/auth/token", tipo: "application/json", cuerpo: j)
                    #expect([400, 422].contains(r.status.code), "\(String(decoding: j.prefix(20), as: UTF8.self)): \(r.status)")
                    let s = try await Self.enviar(app, "/api/v1/servidores", tipo: "application/json", cuerpo: j, token: f.token("th"))
                    #expect([400, 422].contains(s.status.code), "\(s.status)")
                }
                let formularios: [[UInt8]] = [Array("%".utf8), Array("a=%zz&b".utf8), [0xFF, 0x3D, 0xFE], Array("a[[[=1".utf8),
                                              Array((String(repeating: "a[", count: 5000) + "=1").utf8), Array("=&=&&==".utf8)]
                for cuerpo in formularios {
                    let r = try await Self.enviar(app, "/api/v1/auth/token", tipo: "application/x-www-form-urlencoded", cuerpo: cuerpo)
                    #expect((400..<500).contains(r.status.code), "\(r.status)")
                }
                for q in ["?tipo=%ZZ", "?tipo[]=a&tipo[x]=b", "?buscar=%C3%28", "?pagina=-1", "?pagina=99999999999999999999", "?porPagina=abc",
                          "?\(String(repeating: "a[", count: 3000))=1"] {
                    let r = try await app.get("/api/v1/dependencias\(q)", token: f.token("th"))
                    #expect(r.status.code < 500, "\(q): \(r.status)")
                }
                #expect(try await app.get("/health", token: nil).status == .ok)
            }
        }
    }
}

/// Random bodies for the multipart decoder: every input is either decoded or refused with an error,
/// and the process never traps. `PACTA_FUZZ_SEGUNDOS` sets how long it runs (2 s by default).
@Suite struct FuzzMultipartTests {
    struct Formulario: Decodable {
        var nota: String?
        var nombreUsuario: String?
        var archivo: File?
        var lista: [String]?
    }

    static var segundos: Double { Environment.get("PACTA_FUZZ_SEGUNDOS").flatMap(Double.init) ?? 2 }

    /// A small deterministic generator (SplitMix64), so a finding can be replayed from its seed.
    struct Generador: RandomNumberGenerator {
        var estado: UInt64
        mutating func next() -> UInt64 {
            estado &+= 0x9E37_79B9_7F4A_7C15
            var z = estado
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let semillas: [[UInt8]] = {
        var s: [[UInt8]] = CuerposMalformados.multipart.map(\.1)
        let valido = "--B\r\nContent-Disposition: form-data; name=\"nota\"\r\n\r\nhola\r\n"
            + "--B\r\nContent-Disposition: form-data; name=\"lista[]\"\r\n\r\nuno\r\n"
            + "--B\r\nContent-Disposition: form-data; name=\"archivo\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--B--\r\n"
        s.append(Array(valido.utf8))
        s.append(Array(("preámbulo\r\n" + valido + "epílogo").utf8))
        return s
    }()

    static func mutar(_ entrada: [UInt8], _ g: inout Generador) -> [UInt8] {
        var b = entrada
        let trozos: [[UInt8]] = [Array("\r\n".utf8), Array("--B".utf8), Array("\r\n--B".utf8), Array("--".utf8), Array(":".utf8),
                                 Array("Content-Disposition: form-data; name=\"".utf8), [0x80], [0xFF], [0xC2], [0], Array("[]".utf8), Array("\"".utf8)]
        for _ in 0..<Int.random(in: 1...8, using: &g) {
            switch Int.random(in: 0..<7, using: &g) {
            case 0 where !b.isEmpty: b[Int.random(in: 0..<b.count, using: &g)] = UInt8.random(in: 0...255, using: &g)
            case 1: b.insert(UInt8.random(in: 0x80...0xFF, using: &g), at: Int.random(in: 0...b.count, using: &g))
            case 2 where !b.isEmpty: b.remove(at: Int.random(in: 0..<b.count, using: &g))
            case 3: b.insert(contentsOf: trozos.randomElement(using: &g)!, at: Int.random(in: 0...b.count, using: &g))
            case 4 where !b.isEmpty: b = Array(b.prefix(Int.random(in: 0..<b.count, using: &g)))
            case 5 where b.count > 2:
                let i = Int.random(in: 0..<b.count, using: &g), j = Int.random(in: i..<b.count, using: &g)
                b.insert(contentsOf: b[i...j], at: Int.random(in: 0...b.count, using: &g))
            default: b.append(contentsOf: semillas.randomElement(using: &g)!.prefix(Int.random(in: 0...40, using: &g)))
            }
        }
        return b
    }

    @Test("Fuzz: the multipart decoder decodes or refuses any bytes")
    func fuzzMultipart() throws {
        let semilla = Environment.get("PACTA_FUZZ_SEMILLA").flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970)
        var g = Generador(estado: semilla)
        let decoder = FormularioMultipartDecoder()
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=B")
        let inicio = Date()
        var probadas = 0, aceptadas = 0
        while Date().timeIntervalSince(inicio) < Self.segundos {
            let entrada = Self.mutar(Self.semillas.randomElement(using: &g)!, &g)
            if (try? decoder.decode(Formulario.self, from: ByteBuffer(bytes: entrada), headers: headers)) != nil { aceptadas += 1 }
            probadas += 1
        }
        print("fuzz multipart: \(probadas) entradas (\(aceptadas) aceptadas) en \(Int(Self.segundos)) s, semilla \(semilla)")
        #expect(probadas > 0)
        // The valid seed still decodes to what it says.
        let f = try decoder.decode(Formulario.self, from: ByteBuffer(bytes: Self.semillas[CuerposMalformados.multipart.count]), headers: headers)
        #expect(f.nota == "hola")
        #expect(f.lista == ["uno"])
        #expect(f.archivo?.filename == "a.pdf")
        #expect(f.archivo.map { String(buffer: $0.data) } == "%PDF-1.4")
    }

    @Test("The guarded parser reads what browsers and curl send", arguments: [
        "----WebKitFormBoundary7MA4YWxkTrZu0gW", "------------------------d74496d66958873e", "simple", "a'()+_,-./:=?b",
    ])
    func browserBoundaries(_ limite: String) throws {
        let cuerpo = "--\(limite)\r\nContent-Disposition: form-data; name=\"nota\"\r\n\r\nlínea 1\r\nlínea 2\r\n--\(limite)\r\n"
            + "Content-Disposition: form-data; name=\"archivo\"; filename=\"informe ñ.pdf\"\r\nContent-Type: application/pdf\r\n\r\nx--\(limite)y\r\n-\r\n--\(limite)--\r\n"
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\"\(limite)\"")
        let f = try FormularioMultipartDecoder().decode(Formulario.self, from: ByteBuffer(string: cuerpo), headers: headers)
        #expect(f.nota == "línea 1\r\nlínea 2")
        #expect(f.archivo?.filename == "informe ñ.pdf")
        #expect(f.archivo.map { String(buffer: $0.data) } == "x--\(limite)y\r\n-")
    }
}
