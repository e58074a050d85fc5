import Testing
@testable import PactaCore

/// FNV-1a, 64 bits, as 16 lower-case hex digits: deterministic and dependency-free
/// (the server passes SHA-256; the chain logic does not care which function it gets).
@Sendable private func fnv1a(_ s: String) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 {
        h ^= UInt64(b)
        h = h &* 0x0000_0100_0000_01b3
    }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}

/// Recomputes an entry's hash from its content, as the writer (or an attacker) would.
private func sellada(_ e: EntradaAuditoria) -> EntradaAuditoria {
    var e = e
    e.hash = fnv1a(CadenaAuditoria.contenido(e))
    return e
}

/// A valid chain of `n` entries starting at the genesis hash.
private func cadena(_ n: Int = 5) -> [EntradaAuditoria] {
    var anterior = CadenaAuditoria.genesis
    return (1...n).map { i in
        let e = sellada(EntradaAuditoria(
            secuencia: i, momentoMs: 1_767_225_600_000 + Int64(i) * 60_000, entidad: "ent-1",
            usuario: i.isMultiple(of: 2) ? nil : "usr-7", actor: "ana.perez@entidad.gov.co", accion: i == 1 ? "crear" : "modificar",
            tipoRegistro: "servidor", registro: "srv-\(i)",
            antes: i == 1 ? nil : #"{"cargo":"Técnico"}"#, despues: #"{"cargo":"Profesional \#(i)"}"#,
            hashAnterior: anterior, hash: ""))
        anterior = e.hash
        return e
    }
}

private func verificar(_ entradas: [EntradaAuditoria], desde: Int = 1, hashAnterior: String = CadenaAuditoria.genesis) -> CadenaAuditoria.Verificador {
    var v = CadenaAuditoria.Verificador(desde: desde, hashAnterior: hashAnterior, hash: fnv1a)
    for e in entradas { v.revisar(e) }
    return v
}

private func alterada(_ n: Int) -> HallazgoAuditoria {
    .init(secuencia: n, descripcion: "La entrada \(n) fue alterada: su contenido no coincide con su hash.")
}

private func sinEnlace(_ n: Int) -> HallazgoAuditoria {
    .init(secuencia: n, descripcion: "La entrada \(n) no enlaza con la anterior (hash anterior distinto).")
}

@Suite("Cadena de auditoría")
struct CadenaAuditoriaTests {
    @Test("The test hash is FNV-1a 64")
    func hashDePrueba() {
        #expect(fnv1a("") == "cbf29ce484222325")
        #expect(fnv1a("a") == "af63dc4c8601ec8c")
        #expect(fnv1a("foobar") == "85944171f73967e8")
    }

    @Test("A well-formed chain has no findings")
    func cadenaValida() throws {
        let c = cadena()
        #expect(CadenaAuditoria.genesis == String(repeating: "0", count: 64))
        #expect(c.first?.hashAnterior == CadenaAuditoria.genesis)
        for (a, b) in zip(c, c.dropFirst()) { #expect(b.hashAnterior == a.hash) }
        #expect(Set(c.map(\.hash)).count == c.count)
        let v = verificar(c)
        #expect(v.hallazgos == [])
        #expect(v.revisadas == 5)
    }

    @Test("An empty verification has nothing to report")
    func sinEntradas() {
        let v = verificar([])
        #expect(v.revisadas == 0)
        #expect(v.hallazgos == [])
    }

    enum Campo: String, CaseIterable, Sendable {
        case antes, despues, actor, accion, registro, tipoRegistro, momentoMs, entidad, usuario

        func editar(_ e: inout EntradaAuditoria) {
            switch self {
            case .antes: e.antes = e.antes == nil ? "{}" : nil
            case .despues: e.despues = #"{"cargo":"Director"}"#
            case .actor: e.actor = "otro@entidad.gov.co"
            case .accion: e.accion = "eliminar"
            case .registro: e.registro = "srv-99"
            case .tipoRegistro: e.tipoRegistro = "usuario"
            case .momentoMs: e.momentoMs += 1
            case .entidad: e.entidad = nil
            case .usuario: e.usuario = e.usuario == nil ? "usr-8" : nil
            }
        }
    }

    @Test("Editing any field of an entry is reported at that entry only", arguments: Campo.allCases, [1, 3, 5])
    func campoEditado(campo: Campo, secuencia: Int) {
        var c = cadena()
        campo.editar(&c[secuencia - 1])
        #expect(verificar(c).hallazgos == [alterada(secuencia)])
    }

    @Test("Editing the stored hash or the link is detected")
    func hashOEnlaceEditados() {
        var c = cadena()
        c[2].hash = String(repeating: "f", count: 16)
        #expect(verificar(c).hallazgos == [alterada(3), sinEnlace(4)])

        c = cadena()
        c[2].hashAnterior = c[0].hash
        #expect(verificar(c).hallazgos == [sinEnlace(3), alterada(3)])
    }

    @Test("A deleted middle entry is reported as missing and as a broken link")
    func entradaBorrada() {
        var c = cadena()
        c.remove(at: 2)
        let v = verificar(c)
        #expect(v.hallazgos == [.init(secuencia: 3, descripcion: "Falta la entrada 3."), sinEnlace(4)])
        #expect(v.revisadas == 4)
    }

    @Test("Several deleted entries are reported as one range")
    func variasBorradas() {
        var c = cadena()
        c.removeSubrange(1...2)
        #expect(verificar(c).hallazgos == [.init(secuencia: 2, descripcion: "Faltan las entradas 2 a 3."), sinEnlace(4)])
    }

    @Test("Deleting the first entry is detected against the genesis")
    func primeraBorrada() {
        #expect(verificar(Array(cadena().dropFirst())).hallazgos == [.init(secuencia: 1, descripcion: "Falta la entrada 1."), sinEnlace(2)])
    }

    @Test("Re-hashing an edited entry still breaks the next entry's link", arguments: [1, 2, 3, 4])
    func rehasheada(secuencia: Int) {
        var c = cadena()
        c[secuencia - 1].despues = #"{"cargo":"Director"}"#
        c[secuencia - 1] = sellada(c[secuencia - 1])
        #expect(verificar(c).hallazgos == [sinEnlace(secuencia + 1)])
    }

    @Test("Re-hashing the last entry can only be caught with a known hash for it (the chain alone cannot tell)")
    func ultimaRehasheada() {
        var c = cadena()
        let original = c[4].hash
        c[4].despues = "{}"
        c[4] = sellada(c[4])
        #expect(verificar(c).hallazgos == [])
        #expect(c[4].hash != original)
    }

    @Test("A duplicated entry is reported as repeated")
    func duplicada() {
        var c = cadena()
        c.insert(c[2], at: 3)   // 1 2 3 3 4 5
        let v = verificar(c)
        #expect(v.hallazgos == [.init(secuencia: 3, descripcion: "La entrada 3 está repetida o fuera de orden."), sinEnlace(3)])
        #expect(v.revisadas == 6)
    }

    @Test("Entries out of order are reported")
    func fueraDeOrden() {
        var c = cadena()
        c.swapAt(2, 3)          // 1 2 4 3 5
        let h = verificar(c).hallazgos
        #expect(h.first == .init(secuencia: 3, descripcion: "Falta la entrada 3."))
        #expect(h.contains(.init(secuencia: 3, descripcion: "La entrada 3 está repetida o fuera de orden.")))
        #expect(h.contains(sinEnlace(4)))
        #expect(!h.contains { $0.descripcion.contains("alterada") })
    }

    @Test("Verification can resume from a checkpoint")
    func desdePuntoDeControl() {
        let c = cadena()
        #expect(verificar(Array(c[2...]), desde: 3, hashAnterior: c[1].hash).hallazgos == [])
        #expect(verificar(Array(c[2...]), desde: 3, hashAnterior: c[0].hash).hallazgos == [sinEnlace(3)])
        #expect(verificar(Array(c[2...]), desde: 2, hashAnterior: c[1].hash).hallazgos == [.init(secuencia: 2, descripcion: "Falta la entrada 2.")])
    }

    @Test("The hashed text is every field in order, length-prefixed in UTF-8 bytes, with “-” for absent values")
    func formatoDelContenido() {
        let e = EntradaAuditoria(secuencia: 1, momentoMs: 1_767_225_600_000, entidad: "ent-1", usuario: nil, actor: "Íñigo",
                                 accion: "crear", tipoRegistro: "servidor", registro: "srv-1", antes: nil, despues: "{}",
                                 hashAnterior: CadenaAuditoria.genesis, hash: "ignorado")
        #expect(CadenaAuditoria.contenido(e)
            == "1:1|13:1767225600000|5:ent-1|-|7:Íñigo|5:crear|8:servidor|5:srv-1|-|2:{}|64:\(CadenaAuditoria.genesis)")
        // The stored hash itself is not part of what is hashed.
        var otra = e
        otra.hash = "otro"
        #expect(CadenaAuditoria.contenido(otra) == CadenaAuditoria.contenido(e))
    }

    static let base = EntradaAuditoria(secuencia: 7, momentoMs: 1_000, entidad: "e", usuario: "u", actor: "a", accion: "b",
                                       tipoRegistro: "t", registro: "r", antes: "x", despues: "y", hashAnterior: "h", hash: "")

    /// Pairs of entries that a plain `|`-joined text (without lengths) would make identical.
    static let parecidas: [(String, EntradaAuditoria, EntradaAuditoria)] = {
        var pares: [(String, EntradaAuditoria, EntradaAuditoria)] = []
        var a = base, b = base
        a.actor = "a|b"; a.accion = "c"
        b.actor = "a"; b.accion = "b|c"
        pares.append(("separator moved between actor and acción", a, b))
        a = base; b = base
        a.antes = "x|y"; a.despues = "z"
        b.antes = "x"; b.despues = "y|z"
        pares.append(("separator moved between antes and después", a, b))
        a = base; b = base
        a.entidad = nil
        b.entidad = "-"
        pares.append(("absent entidad vs the text “-”", a, b))
        a = base; b = base
        a.antes = nil
        b.antes = ""
        pares.append(("absent antes vs empty antes", a, b))
        a = base; b = base
        a.actor = "1:a"
        b.actor = "a"
        pares.append(("value that looks like a length prefix", a, b))
        return pares
    }()

    @Test("Entries that differ only by where a separator falls hash differently", arguments: parecidas)
    func prefijoDeLongitud(_ caso: String, a: EntradaAuditoria, b: EntradaAuditoria) {
        #expect(a != b, "\(caso)")
        #expect(CadenaAuditoria.contenido(a) != CadenaAuditoria.contenido(b), "\(caso)")
        #expect(fnv1a(CadenaAuditoria.contenido(a)) != fnv1a(CadenaAuditoria.contenido(b)), "\(caso)")
        // A naive join would have collided, which is what the length prefix prevents.
        func ingenuo(_ e: EntradaAuditoria) -> String {
            [e.entidad, e.usuario, e.actor, e.accion, e.tipoRegistro, e.registro, e.antes, e.despues].map { $0 ?? "-" }.joined(separator: "|")
        }
        if !caso.contains("length prefix") && !caso.contains("empty antes") {
            #expect(ingenuo(a) == ingenuo(b), "\(caso)")
        }
    }

    @Test("A forged entry swapping content between fields does not pass verification")
    func falsificacionPorSeparador() {
        var c = cadena(3)
        // Move text across the actor/acción boundary, keeping the stored hash.
        c[1].actor = "ana.perez@entidad.gov.co|modificar"
        c[1].accion = ""
        #expect(verificar(c).hallazgos == [alterada(2)])
    }
}
