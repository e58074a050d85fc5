import Testing
@testable import PactaCore

@Suite("Política de acceso")
struct PoliticaDeAccesoTests {
    @Test("New passwords need 10 characters with letters and numbers, differ from the current one, and match the confirmation", arguments: [
        ("Clave2026ok", "Clave2026ok", nil, [String: String]()),
        ("corta1", "corta1", nil, ["nueva": "La contraseña debe tener al menos 10 caracteres."]),
        ("solamenteletras", "solamenteletras", nil, ["nueva": "La contraseña debe combinar letras y números."]),
        ("1234567890", "1234567890", nil, ["nueva": "La contraseña debe combinar letras y números."]),
        ("Clave2026ok", "Clave2026oK", nil, ["confirmacion": "La confirmación no coincide con la nueva contraseña."]),
        ("Clave2026ok", "Clave2026ok", "Clave2026ok", ["nueva": "La nueva contraseña debe ser distinta de la actual."]),
        ("Ñandú2026añil", "Ñandú2026añil", "otra", [:]),
    ] as [(String, String, String?, [String: String])])
    func contrasena(nueva: String, confirmacion: String, actual: String?, errores: [String: String]) {
        #expect(PoliticaDeAcceso.validarNuevaContrasena(nueva, confirmacion: confirmacion, actual: actual) == errores)
    }

    @Test("Sign-ins are refused from the fifth failure of an account or the thirtieth of an address", arguments: [
        (0, 0, false), (4, 29, false), (5, 0, true), (0, 30, true), (6, 31, true),
    ])
    func bloqueo(usuario: Int, ip: Int, bloqueado: Bool) {
        #expect(PoliticaDeAcceso.bloqueado(fallidosUsuario: usuario, fallidosIP: ip) == bloqueado)
    }

    @Test("Attempts still being checked count: they make the next one wait, only failures refuse it", arguments: [
        (0, 0, 0, 0, PoliticaDeAcceso.Turno.adelante),
        (4, 0, 0, 0, .adelante),
        (4, 1, 0, 0, .esperar),
        (0, 5, 0, 0, .esperar),
        (5, 0, 0, 0, .bloqueado),
        (5, 3, 0, 0, .bloqueado),
        (0, 0, 29, 0, .adelante),
        (0, 0, 20, 10, .esperar),
        (0, 0, 30, 0, .bloqueado),
        (1, 0, 29, 1, .esperar),
    ] as [(Int, Int, Int, Int, PoliticaDeAcceso.Turno)])
    func turno(fallidosUsuario: Int, enCursoUsuario: Int, fallidosIP: Int, enCursoIP: Int, esperado: PoliticaDeAcceso.Turno) {
        #expect(PoliticaDeAcceso.turno(fallidosUsuario: fallidosUsuario, enCursoUsuario: enCursoUsuario,
                                       fallidosIP: fallidosIP, enCursoIP: enCursoIP) == esperado)
    }
}
