@echo off
rem ws-test: runs WebSocket scenario files. Needs Java 17 or later (JAVA_HOME or java on the PATH).
rem The runnable jar is in ..\lib; JAVA_OPTS is passed to the JVM.
setlocal
set "WSTEST_JAR=%~dp0..\lib\ws-test.jar"
if defined JAVA_HOME (set "WSTEST_JAVA=%JAVA_HOME%\bin\java") else (set "WSTEST_JAVA=java")
"%WSTEST_JAVA%" %JAVA_OPTS% -jar "%WSTEST_JAR%" %*
exit /b %ERRORLEVEL%
