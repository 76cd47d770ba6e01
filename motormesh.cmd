@REM motormesh launcher for Windows: builds app\target\motormesh-VERSION.jar with mvnw.cmd when it is
@REM missing, then runs it with java -jar. JAVA_HOME is used when set; MOTORMESH_JAVA_OPTS adds JVM options.
@echo off
setlocal
set "MM_HOME=%~dp0"
set "MM_JAVA=java"
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "MM_JAVA=%JAVA_HOME%\bin\java.exe"
"%MM_JAVA%" -version >nul 2>&1
if errorlevel 1 (
  echo motormesh: Java 17 or newer is needed: install it from https://adoptium.net and open a new window 1>&2
  exit /b 1
)
call :findjar
if not defined MM_JAR (
  echo motormesh: building ^(first run; takes a minute^)... 1>&2
  pushd "%MM_HOME%"
  call "%MM_HOME%mvnw.cmd" -q -B -DskipTests package -pl app -am 1>&2
  popd
  call :findjar
)
if not defined MM_JAR (
  echo motormesh: build failed; run "mvnw.cmd -B -DskipTests package" to see why 1>&2
  exit /b 1
)
"%MM_JAVA%" %MOTORMESH_JAVA_OPTS% -jar "%MM_JAR%" %*
exit /b %ERRORLEVEL%

:findjar
rem the newest app\target\motormesh-VERSION.jar (not motormesh-app-*.jar, the jar without its dependencies)
set "MM_JAR="
for /f "delims=" %%f in ('dir /b /o-d "%MM_HOME%app\target\motormesh-*.jar" 2^>nul ^| findstr /r /b /c:"motormesh-[0-9]"') do (
  if not defined MM_JAR set "MM_JAR=%MM_HOME%app\target\%%f"
)
exit /b 0
